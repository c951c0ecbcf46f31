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
