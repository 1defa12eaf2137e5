-- Event retention (plugkit.events.retentionDays): the housekeeping run deletes the oldest events in small
-- batches. Without an index on created_at each batch would scan the whole table to find them, and without
-- one on the deliveries' event_id every candidate would scan the deliveries for a pending one.
CREATE INDEX plugkit_events_created ON plugkit_events (created_at);
CREATE INDEX plugkit_webhook_deliveries_event ON plugkit_webhook_deliveries (event_id);
