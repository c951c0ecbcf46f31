-- The one exact rounding of a quotient: numerateur / diviseur to `decimales` decimals (0 to 6), half away from zero, in
-- integer arithmetic. DuckDB divides DECIMALs as DOUBLEs, where 1 250,005 may already be 1 250,00499…, and a DOUBLE
-- sum depends on the order its terms came in; so the models keep numerators exact (DECIMAL sums and products: tariff ×
-- mois-mesures, 12 × subsides, a mean's weights) and divide only here, once. numerateur: a DECIMAL with at most 6
-- decimals (a DOUBLE is read to 6); diviseur: a positive integer (12 for « per 12 mois », a mean's count); NULL for a
-- NULL term. Returns DECIMAL(38, 6).
CREATE OR REPLACE MACRO arrondi_quotient(numerateur, diviseur, decimales) AS
CAST(
    CAST(sign(numerateur) AS HUGEINT)
    * ((2 * abs(CAST(round(CAST(numerateur AS DECIMAL(38, 6)) * 1000000) AS HUGEINT)) * CAST(pow(10, decimales) AS HUGEINT)
        + CAST(diviseur AS HUGEINT) * 1000000)
       // (2 * CAST(diviseur AS HUGEINT) * 1000000))
    * CAST(pow(10, 6 - decimales) AS HUGEINT)
    AS DECIMAL(38, 0)
) * CAST(0.000001 AS DECIMAL(7, 6));

-- An amount that is paid (issue 14 point 12), to the cent. Returns DECIMAL(18,2).
CREATE OR REPLACE MACRO arrondi_centimes(numerateur, diviseur) AS
CAST(arrondi_quotient(numerateur, diviseur, 2) AS DECIMAL(18, 2));

-- A rate applied to an amount (the advance: taux_avance × montant_conventionne), exact and rounded once to the cent.
-- In DOUBLE, 70 % of 0,05 € is 0,034999… and rounds to 0,03 €; here it is 0,035 → 0,04 €. Rates have at most 4
-- decimals, amounts 2 (a DOUBLE argument holding such a value converts back exactly). Returns DECIMAL(18,2).
CREATE OR REPLACE MACRO montant_au_taux(taux, montant) AS
CAST(round(CAST(taux AS DECIMAL(18, 4)) * CAST(montant AS DECIMAL(18, 2)), 2) AS DECIMAL(18, 2));
