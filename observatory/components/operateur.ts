// The address of an operator's internal page (/interne/operateurs/<code>), for the links of the internal pages and the
// paths observablehq.config.ts asks Framework to build: written once, so a link can never miss its page.

/** "ASSO-LENS-01" → "/interne/operateurs/ASSO-LENS-01"; a code that cannot be a path stops the build. */
export function cheminOperateur(code: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(code)) {
    throw new Error(
      `Code opérateur « ${code} » (mart_financement) : seuls lettres, chiffres, « . », « _ » et « - » peuvent former l'adresse de sa page interne — corrigez le code dans le fichier des conventions.`,
    );
  }
  return `/interne/operateurs/${code}`;
}
