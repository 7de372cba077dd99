-- What a backtest compares of a decision (status, reason codes, liable parties, amounts), written
-- with the decision: a few hundred bytes beside a decision of several kilobytes with its trace.
-- Decisions stored before this column existed keep NULL; the backtest derives theirs from the decision.
ALTER TABLE decisions ADD COLUMN outcome JSONB;
