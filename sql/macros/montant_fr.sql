-- A sum of money as the rule checks' details print it, in French: thousands apart, a decimal comma, two decimals
-- (60 720,00 ; the caller adds « € »). One spelling for every fiche's alerts, which department staff read side by side.
CREATE OR REPLACE MACRO montant_fr(montant) AS
    replace(replace(replace(format('{:,.2f}', montant), ',', '#'), '.', ','), '#', ' ');
