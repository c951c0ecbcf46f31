// Independent models built at the same time, each on a connection of its own. Most models of a département year
// are small: a statement spends much of its time in single-threaded steps (binding, planning, a pipeline too small
// to split), leaving a core idle that another model can use (issue 16: 1× models).
import type { DuckDBConnection } from "@duckdb/node-api";

export interface Tache {
  name: string;
  dependsOn: readonly string[];
}

/**
 * Runs every task once all those it depends on are done, at most one per connection at a time, the earlier in
 * `taches` first among those ready (the runner passes them in dependency order). The first failure stops new starts;
 * the tasks already running end, then it is thrown (a model half-built on another connection would hold its lock).
 */
export function ordonnancer<T extends Tache>(taches: readonly T[], connexions: readonly DuckDBConnection[], executer: (connexion: DuckDBConnection, tache: T) => Promise<void>): Promise<void> {
  const connues = new Set(taches.map((t) => t.name));
  const faites = new Set<string>();
  const enAttente = [...taches];
  const libres = [...connexions];
  let enCours = 0;
  let echec: { erreur: unknown } | undefined;
  return new Promise((resolve, reject) => {
    const lancer = () => {
      if (echec) {
        if (enCours === 0) reject(echec.erreur);
        return;
      }
      for (let i = 0; i < enAttente.length && libres.length; ) {
        const tache = enAttente[i]!;
        if (!tache.dependsOn.every((d) => faites.has(d) || !connues.has(d))) {
          i++;
          continue;
        }
        enAttente.splice(i, 1);
        const connexion = libres.shift()!;
        enCours++;
        executer(connexion, tache)
          .then(
            () => void faites.add(tache.name),
            (erreur: unknown) => void (echec ??= { erreur }),
          )
          .finally(() => {
            enCours--;
            libres.push(connexion);
            lancer();
          });
      }
      if (enCours > 0) return;
      if (enAttente.length) reject(new Error(`Ordonnancement impossible : ${enAttente.map((t) => t.name).join(", ")} attendent des tâches qui ne se terminent pas.`));
      else resolve();
    };
    lancer();
  });
}
