// One row through a contract's validator, as the ingest does it: the [column, reason] pairs it would quarantine.
import type { AnyReport } from "../../pipelines/contracts/index.ts";
import { rowValidator } from "../../pipelines/ingest/validate.ts";

export function issuesOf(report: unknown, raw: Record<string, unknown>): [string | null, string][] {
  const result = rowValidator(report as AnyReport, "OP").validate(2, { code_operateur: "OP", ...raw });
  return "issues" in result ? result.issues.map((i) => [i.column, i.reason]) : [];
}
