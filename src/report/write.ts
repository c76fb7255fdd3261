/** The output edge of the report stage: every output folder is written by the one safe writer. */
export { OUTPUT_FILES, OUTPUT_MARKER, settleOutputs, writeOutputs, type WriteOptions, type WriteOutcome } from "../output/runSet.ts";
