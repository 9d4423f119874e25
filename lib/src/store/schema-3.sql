-- lawlist database schema, version 3: the compiled classification index (classify_compiled)
-- carries the scope model too (lib/src/classify/scope_model.cpp), learned from the stored example
-- and out-of-scope reports. No table changes; the index is rebuilt right after this migration.
SELECT 1;
