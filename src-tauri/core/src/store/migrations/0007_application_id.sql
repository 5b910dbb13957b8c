-- Marks the file as Stillpoint's ("STLP" in the header's application id), so that another
-- program's SQLite file is recognised and left untouched.
PRAGMA application_id = 1398033488;

-- A record from before this mark may keep its attachment copies in a folder that no mark says
-- is ours yet: remember to adopt it (the store does, once, when it finds its copies there).
INSERT INTO meta (key, value)
SELECT 'unmarked_attachments', 'adopt' WHERE EXISTS (SELECT 1 FROM attachments);
