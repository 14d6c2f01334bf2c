-- Receiving settings of a product. fixed_bin_id: the STORAGE location where the product is always
-- put away, if it has one (putaway suggests it first). min_shelf_life_days: the least remaining
-- shelf life, in days, a lot must have on arrival (receiving refuses or holds shorter-dated goods).
ALTER TABLE product ADD COLUMN fixed_bin_id BIGINT REFERENCES location (id);
ALTER TABLE product ADD COLUMN min_shelf_life_days INTEGER;
