/**
 * First characters that make Excel, LibreOffice or Google Sheets read a CSV cell as a formula (or,
 * for tab and carriage return, shift it so a formula lands in the next cell): the OWASP CSV
 * injection list.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell made inert for spreadsheets by a leading apostrophe, which they show as a text marker
 * rather than content. Only for text: a number such as -3.5 is written as a number and never passes
 * through here, so it stays numeric.
 */
export function neutraliseCsvText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
