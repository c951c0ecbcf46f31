// Tiny element builders: the pages avoid `html`/`svg` globals, which Framework would fetch from a CDN.

type Attributs = Record<string, string | number | boolean | null | undefined>;
type Enfant = Node | string | number | null | undefined | false;

function remplir<E extends Element>(element: E, attributs: Attributs, enfants: Enfant[]): E {
  for (const [nom, valeur] of Object.entries(attributs)) {
    if (valeur === null || valeur === undefined || valeur === false) continue;
    element.setAttribute(nom, valeur === true ? "" : String(valeur));
  }
  for (const enfant of enfants) {
    if (enfant === null || enfant === undefined || enfant === false) continue;
    element.append(typeof enfant === "number" ? String(enfant) : enfant);
  }
  return element;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributs: Attributs = {}, ...enfants: Enfant[]): HTMLElementTagNameMap[K] {
  return remplir(document.createElement(tag), attributs, enfants);
}

export function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attributs: Attributs = {}, ...enfants: Enfant[]): SVGElementTagNameMap[K] {
  return remplir(document.createElementNS("http://www.w3.org/2000/svg", tag), attributs, enfants);
}
