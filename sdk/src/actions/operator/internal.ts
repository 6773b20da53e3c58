/** What the operator's exception notes share: the kind, and the refusal of a note that commits to nothing. */
import { zeroHash } from "viem";

import { field } from "../../schemas/parse.ts";
import { EXCEPTION_KINDS, type ExceptionKind, type HashedDocument } from "../../types.ts";

/** An exception note's kind: one of EXCEPTION_KINDS. */
export const exceptionKind = () =>
  field((value, report): ExceptionKind => {
    if (!EXCEPTION_KINDS.includes(value as ExceptionKind)) report(`must be one of ${EXCEPTION_KINDS.join(", ")}`);
    return value as ExceptionKind;
  });

/** Refuses a note given as the zero hash, which the contract refuses too (Surety_ZeroNoteHash). */
export function refuseZeroNote(value: { note: HashedDocument }, report: (path: "note", message: string) => void) {
  if (value.note.hash === zeroHash) report("note", "is the zero hash: commit to the note's text");
}
