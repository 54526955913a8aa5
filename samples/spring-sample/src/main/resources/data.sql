MERGE INTO users (id, name) KEY (id)
VALUES (1, 'Ada Lovelace'), (2, 'Alan Turing'), (42, 'Grace Hopper');
