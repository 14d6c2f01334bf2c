-- Where a pick list's goods are taken: the packing or staging location pickers bring them to.
ALTER TABLE pick_list ADD COLUMN destination_id BIGINT;
