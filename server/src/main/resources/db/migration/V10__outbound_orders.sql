-- Outbound orders (ADR 0011): why an order or a line was cancelled, and when. A cancellation is
-- answered the same when repeated, so the first reason is kept.
ALTER TABLE sales_order ADD COLUMN cancel_reason VARCHAR(500);
ALTER TABLE sales_order ADD COLUMN cancelled_at BIGINT;
ALTER TABLE order_line ADD COLUMN cancel_reason VARCHAR(500);
ALTER TABLE order_line ADD COLUMN cancelled_at BIGINT;
