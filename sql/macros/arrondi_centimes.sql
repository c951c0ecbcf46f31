-- The one rounding of an amount that is paid (issue 14 point 12): numerateur / diviseur to the cent, half away from
-- zero, in exact integer arithmetic. DuckDB divides DECIMALs as DOUBLEs, where 1 250,005 may already be 1 250,00499…;
-- so the models keep numerators exact (DECIMAL sums and products: tariff × mois-mesures, 12 × subsides) and divide
-- only here, once. numerateur: a DECIMAL with at most 6 decimals; diviseur: a positive integer (12 for « per 12 mois »).
-- Returns DECIMAL(18,2).
CREATE OR REPLACE MACRO arrondi_centimes(numerateur, diviseur) AS
CAST(CAST(
    CAST(sign(numerateur) AS HUGEINT)
    * ((2 * abs(CAST(round(CAST(numerateur AS DECIMAL(38, 6)) * 1000000) AS HUGEINT)) + CAST(diviseur AS HUGEINT) * 10000)
       // (2 * CAST(diviseur AS HUGEINT) * 10000))
    AS DECIMAL(20, 0)
) * CAST(0.01 AS DECIMAL(3, 2)) AS DECIMAL(18, 2));

-- A rate applied to an amount (the advance: taux_avance × montant_conventionne), exact and rounded once to the cent.
-- In DOUBLE, 70 % of 0,05 € is 0,034999… and rounds to 0,03 €; here it is 0,035 → 0,04 €. Rates have at most 4
-- decimals, amounts 2 (a DOUBLE argument holding such a value converts back exactly). Returns DECIMAL(18,2).
CREATE OR REPLACE MACRO montant_au_taux(taux, montant) AS
CAST(round(CAST(taux AS DECIMAL(18, 4)) * CAST(montant AS DECIMAL(18, 2)), 2) AS DECIMAL(18, 2));
