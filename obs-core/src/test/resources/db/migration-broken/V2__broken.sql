-- Fails on purpose: the column type does not exist.
ALTER TABLE users ADD COLUMN email NO_SUCH_TYPE;
