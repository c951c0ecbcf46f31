-- Figures in the rule checks' details, spelt the French way once for every fiche's alerts (department staff read them
-- side by side): thousands apart, a decimal comma.
-- A sum of money: two decimals (60 720,00 ; the caller adds « € »).
CREATE OR REPLACE MACRO montant_fr(montant) AS
    replace(replace(replace(format('{:,.2f}', CAST(montant AS DOUBLE)), ',', '#'), '.', ','), '#', ' ');

-- Any other figure (a count, a declared value): only the decimals it has, six at most (1 651 ; 12,5).
CREATE OR REPLACE MACRO nombre_fr(nombre) AS
    replace(replace(replace(rtrim(rtrim(format('{:,.6f}', CAST(nombre AS DOUBLE)), '0'), '.'), ',', '#'), '.', ','), '#', ' ');
