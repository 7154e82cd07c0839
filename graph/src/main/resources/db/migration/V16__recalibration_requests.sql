-- Judges whose error rates a decision changed and whose other edges are not recalibrated yet.
-- Written in the decision's own transaction and removed by the pass that applied those rates, so
-- a process stopped between the two (the server shut down, the review command killed) leaves the
-- request for the next process that opens the store to finish. A pass removes only the rows it
-- read: a decision made after its read gets a new number and stays.
CREATE SEQUENCE recalibration_request_number;

CREATE TABLE recalibration_requests (
  judge_id text PRIMARY KEY,
  request bigint NOT NULL DEFAULT nextval('recalibration_request_number'),
  requested_at timestamptz NOT NULL DEFAULT now()
);
