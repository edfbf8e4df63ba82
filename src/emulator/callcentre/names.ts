/**
 * Name pools for the simulated staff and callers. Mixed scripts and diacritics on purpose: the app
 * must render and sort "Lucía Ortega" and "Nguyễn Thu Hà" as well as "Tom Baker".
 */

export interface PersonName {
  readonly firstName: string
  readonly lastName: string
}

/** Agents and the supervisor. Indexes are stable, so a seed keeps its cast across releases. */
export const STAFF_NAMES: ReadonlyArray<PersonName> = [
  { firstName: 'Lucía', lastName: 'Ortega' },
  { firstName: 'Tom', lastName: 'Baker' },
  { firstName: 'Zoë', lastName: 'Müller' },
  { firstName: 'Priya', lastName: 'Raman' },
  { firstName: 'Søren', lastName: 'Lindqvist' },
  { firstName: 'Aisha', lastName: 'Khan' },
  { firstName: 'François', lastName: 'Dubois' },
  { firstName: 'Kenji', lastName: 'Watanabe' },
  { firstName: 'Małgorzata', lastName: 'Nowak' },
  { firstName: 'Oluwaseun', lastName: 'Adeyemi' },
  { firstName: 'Siobhán', lastName: "O'Neill" },
  { firstName: 'Hà', lastName: 'Nguyễn' },
  { firstName: 'José', lastName: 'Peña' },
  { firstName: 'Björn', lastName: 'Åkesson' },
  { firstName: 'Chloé', lastName: 'Martin' },
  { firstName: 'İlker', lastName: 'Yıldız' },
  { firstName: 'Marcus', lastName: 'Green' },
  { firstName: 'Ana', lastName: 'Popescu' },
  { firstName: 'Dmitri', lastName: 'Volkov' },
  { firstName: 'Grace', lastName: 'Mensah' },
  { firstName: 'Mei', lastName: 'Chen' },
  { firstName: 'Rafael', lastName: 'Souza' },
  { firstName: 'Ingrid', lastName: 'Hansen' },
  { firstName: 'Tomás', lastName: 'Ó Briain' }
]

export const SUPERVISOR_NAME: PersonName = { firstName: 'Helena', lastName: 'Fischer' }

/**
 * External callers. Numbers use the fictional 555-01xx range (NANP reserves 555-0100…0199 for
 * fiction), so a demo never dials a real person.
 */
export const CALLER_NAMES: ReadonlyArray<string> = [
  'Dana Whitfield',
  'Rohan Mehta',
  'Élodie Bernard',
  'Carlos Jiménez',
  'Wiktoria Zielińska',
  'Sam Okafor',
  'Ngozi Eze',
  'Jürgen Schäfer',
  'Yuki Tanaka',
  'Fatima Al-Sayed',
  'Liam Murphy',
  'Ava Thompson',
  'Mateo Rossi',
  'Sofía Castillo',
  'Noah Williams'
]

export const fullName = (n: PersonName): string => `${n.firstName} ${n.lastName}`

/** `lucia.ortega@…`: ASCII local part, as directory exports usually produce. */
export function emailOf(n: PersonName, domain: string): string {
  const ascii = (s: string): string =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/ı/g, 'i')
      .replace(/ł/g, 'l')
      .replace(/ø/g, 'o')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase()
  return `${ascii(n.firstName)}.${ascii(n.lastName)}@${domain}`
}
