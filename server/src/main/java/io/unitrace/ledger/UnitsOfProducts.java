package io.unitrace.ledger;

import io.unitrace.catalog.ProductsInUse;
import io.unitrace.gs1.Gtin;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The ledger's answer to the catalog: are there units of this product, or with this GTIN? */
@Component
class UnitsOfProducts implements ProductsInUse {

  private final JdbcClient db;

  UnitsOfProducts(JdbcClient db) {
    this.db = db;
  }

  @Override
  public boolean hasUnits(long productId) {
    return db.sql("SELECT count(*) FROM unit WHERE product_id = ?")
            .param(productId)
            .query(Integer.class)
            .single()
        > 0;
  }

  @Override
  public boolean hasUnitsWithGtin(long tenantId, Gtin gtin) {
    return db.sql("SELECT count(*) FROM unit WHERE tenant_id = ? AND gtin = ?")
            .params(tenantId, gtin.value())
            .query(Integer.class)
            .single()
        > 0;
  }
}
