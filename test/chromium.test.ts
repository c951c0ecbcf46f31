// The browser the report and the e2e tests drive needs no hand installation: when /usr/bin/chromium is absent, the
// headless build shipped inside the npm package @sparticuz/chromium is used. This checks that build runs here, offline.
import { describe, expect, it } from "vitest";
import { chromium } from "playwright-core";
import { cheminChromiumEmbarque, DRAPEAUX_CHROMIUM } from "../pipelines/site/chromium.ts";

describe("packaged Chromium", () => {
  it("starts, renders a French page and prints it to PDF", async () => {
    const navigateur = await chromium.launch({ executablePath: await cheminChromiumEmbarque(), args: DRAPEAUX_CHROMIUM });
    try {
      const page = await navigateur.newPage();
      await page.setContent(`<html lang="fr"><body><h1>Évolution</h1><script>document.body.dataset.n = String(6 * 7)</script></body></html>`);
      expect(await page.textContent("h1")).toBe("Évolution");
      expect(await page.getAttribute("body", "data-n")).toBe("42");
      const pdf = await page.pdf({ format: "A4" });
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    } finally {
      await navigateur.close();
    }
  });
});
