-- Which hub instance made an attempt (hub.instance-id, by default host:port): with several instances consuming the
-- same queues it shows how they share the work, and where a fault hit. Null for attempts made before. Portable.
ALTER TABLE delivery_attempt ADD COLUMN instance VARCHAR(100);
