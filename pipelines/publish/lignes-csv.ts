// The records of a CSV text, for the public-output scan (scan.ts): RFC 4180 — fields quoted with « " », a quote
// inside doubled, line breaks LF, CRLF or CR, a line break inside quotes kept —, empty lines skipped, rows of any
// length. csv-parse gave the same records at a tenth of the speed: the scan reads ~120 MB of extracts per build.

const GUILLEMET = 34;
const LF = 10;
const CR = 13;

/** Each record as its fields; throws on a quote left open or text after a closing quote, naming the line. */
export function* lignesCsv(texte: string, delimiteur: string): Generator<string[]> {
  const delim = delimiteur.charCodeAt(0);
  const n = texte.length;
  let i = 0;
  let ligne = 1;
  while (i < n) {
    const champs: string[] = [];
    for (;;) {
      if (texte.charCodeAt(i) === GUILLEMET) {
        let valeur = "";
        let debut = i + 1;
        for (;;) {
          const q = texte.indexOf('"', debut);
          if (q < 0) throw new Error(`CSV illisible : guillemet ouvert ligne ${ligne} jamais refermé`);
          valeur += texte.slice(debut, q);
          if (texte.charCodeAt(q + 1) === GUILLEMET) {
            valeur += '"';
            debut = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        for (let k = valeur.indexOf("\n"); k >= 0; k = valeur.indexOf("\n", k + 1)) ligne++;
        champs.push(valeur);
        const suivant = texte.charCodeAt(i);
        if (i < n && suivant !== delim && suivant !== LF && suivant !== CR) throw new Error(`CSV illisible : texte après un guillemet fermant, ligne ${ligne}`);
      } else {
        let j = i;
        while (j < n) {
          const c = texte.charCodeAt(j);
          if (c === delim || c === LF || c === CR) break;
          j++;
        }
        champs.push(texte.slice(i, j));
        i = j;
      }
      if (i < n && texte.charCodeAt(i) === delim) {
        i++;
        continue;
      }
      if (texte.charCodeAt(i) === CR) i++;
      if (texte.charCodeAt(i) === LF) i++;
      ligne++;
      break;
    }
    if (champs.length > 1 || champs[0] !== "") yield champs;
  }
}
