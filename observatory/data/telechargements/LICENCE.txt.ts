// The licence shipped with the downloads (Licence Ouverte 2.0: its reference, not a copy fetched from the network).
import { licenceText } from "../../../pipelines/extracts.ts";

process.stdout.write(licenceText());
