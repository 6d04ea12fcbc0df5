-- wrk script: POST one realistic 3-line order (DESIGN §4) on every request, as the load engine does.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"customerId":"cust-004217","items":[{"sku":"SKU-01234","quantity":1,"unitPrice":19.99},{"sku":"SKU-00042","quantity":3,"unitPrice":4.50},{"sku":"SKU-04711","quantity":1,"unitPrice":129.00}]}'
