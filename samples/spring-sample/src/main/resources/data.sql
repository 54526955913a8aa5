INSERT INTO users (id, name) VALUES (1, 'Ada Lovelace'), (2, 'Alan Turing'), (42, 'Grace Hopper');
