/**
 * The rule for a model's `name`. It names the run's output folder `<out>/<name>/`, so it must be
 * one plain folder name: letters, digits, `.`, `_` and `-`, starting with a letter or digit (so
 * never `.`, `..` or a hidden name), at most 100 characters (far below the 255-byte limit of
 * file names). The model schema refuses any other name up front; the output writer relies on it.
 */

export const MODEL_NAME_MAX_CHARS = 100;

export const MODEL_NAME_PATTERN = new RegExp(`^[A-Za-z0-9][A-Za-z0-9._-]{0,${MODEL_NAME_MAX_CHARS - 1}}$`);

export const MODEL_NAME_RULE = `expected 1 to ${MODEL_NAME_MAX_CHARS} letters, digits, '.', '_' or '-', starting with a letter or digit (it names the output folder)`;
