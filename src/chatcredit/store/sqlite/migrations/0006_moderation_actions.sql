-- What a platform's own moderators did (remove a message, warn, mute, kick, ban): kept
-- by the person acted on, so explain shows it and governance can ask who acted when.

CREATE TABLE moderation_actions (
    event_id    TEXT PRIMARY KEY,
    ts          REAL NOT NULL,
    group_id    TEXT NOT NULL,
    moderator   TEXT NOT NULL,
    target_user TEXT NOT NULL,
    action      TEXT NOT NULL,
    message     TEXT,
    reason      TEXT NOT NULL
);
CREATE INDEX moderation_actions_target ON moderation_actions (target_user, ts);
CREATE INDEX moderation_actions_group ON moderation_actions (group_id, ts);
