-- Herald schema, version 3: display names come from identity providers, where a given plus a family name can
-- pass 255 characters; they are text, bounded to 1,024 code points by the services (longer ones truncated).
alter table users alter column name type text;
alter table messages alter column sender_name type text;
