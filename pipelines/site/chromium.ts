// Which Chromium the report and the browser tests drive: CHROMIUM_PATH when set, else Debian's /usr/bin/chromium,
// else the headless build shipped inside the npm package @sparticuz/chromium (a compressed binary unpacked into the
// temporary folder on first use: nothing is downloaded), so `npm install` is enough. Always offline: the flags keep
// Chromium from reaching any host by itself.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM_SYSTEME = "/usr/bin/chromium";
export const DRAPEAUX_CHROMIUM = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"];
export const CHROMIUM_ABSENT =
  "Chromium introuvable : installez-le (apt-get install -y chromium) / Chromium not found: install it (apt-get install -y chromium)";

/** The executable to launch; unpacks the packaged build when neither CHROMIUM_PATH nor /usr/bin/chromium exists. */
export async function cheminChromium(): Promise<string> {
  const demande = process.env.CHROMIUM_PATH;
  if (demande) {
    if (!existsSync(demande)) throw new Error(`${CHROMIUM_ABSENT} — CHROMIUM_PATH=${demande} n'existe pas`);
    return demande;
  }
  if (existsSync(CHROMIUM_SYSTEME)) return CHROMIUM_SYSTEME;
  return cheminChromiumEmbarque();
}

/** The packaged headless build, unpacked once into the temporary folder. */
export async function cheminChromiumEmbarque(): Promise<string> {
  try {
    const { default: embarque } = await import("@sparticuz/chromium");
    return await embarque.executablePath();
  } catch (error) {
    throw new Error(`${CHROMIUM_ABSENT} (${error instanceof Error ? error.message : String(error)})`);
  }
}

export async function lancerChromium(executablePath?: string): Promise<Browser> {
  const chemin = executablePath ?? (await cheminChromium());
  try {
    return await chromium.launch({ executablePath: chemin, args: DRAPEAUX_CHROMIUM });
  } catch (error) {
    throw new Error(`${CHROMIUM_ABSENT} — ${chemin} ne démarre pas : ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
}
