-- How the help was shown where the person answered (`standalone`, `page` or `inline`), as the
-- widget's answer says; empty for answers from widgets that did not say.
ALTER TABLE feedback ADD COLUMN placement TEXT CHECK (placement IN ('standalone', 'page', 'inline'));
