-- The top of the book at each minute, for the queue-imbalance features of feature set v2: the bid and ask sizes of
-- the bar's last quote, and the mean over the bar's quotes of the queue imbalance (bid size - ask size) /
-- (bid size + ask size), in [-1, 1]. Null for bars written before this migration and for minutes whose quotes carried
-- no sizes. Nullable columns without a default: a plain ALTER on both PostgreSQL and a TimescaleDB hypertable.
alter table bars_1m add column close_bid_size double precision;
alter table bars_1m add column close_ask_size double precision;
alter table bars_1m add column mean_imbalance double precision;
