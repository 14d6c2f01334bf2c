-- A receipt's exception scans (everything but RECEIVED and REPEAT), counted after every scan for the
-- receiving counter: a partial index holds only them, so the count does not walk the receipt's
-- ordinary scans.
CREATE INDEX receipt_scan_exception_idx ON receipt_scan (receipt_id, outcome)
  WHERE outcome NOT IN ('RECEIVED', 'REPEAT');
