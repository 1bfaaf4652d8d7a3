# Real public market data -> TRII quote CSV extracts, and the defect analysis of those extracts.
# Called by extract.sh (see README.md next to this file); every output is deterministic.
#
#   Rscript --vanilla extract.R usdthb        OUT
#   Rscript --vanilla extract.R bitstamp      SOURCE_CSV OUT FIRST_DATA_ROW ROWS
#   Rscript --vanilla extract.R aapl          SOURCE_CSV OUT
#   Rscript --vanilla extract.R msft          OUT
#   Rscript --vanilla extract.R usdchf        OUT YEAR
#   Rscript --vanilla extract.R dow30         OUT FIRST_DATE LAST_DATE
#   Rscript --vanilla extract.R nyse-holidays OUT FIRST_YEAR LAST_YEAR
#   Rscript --vanilla extract.R analyse       EXTRACT_DIR      (writes defects.csv and files.csv there)

suppressPackageStartupMessages({
  library(timeDate)
  library(timeSeries)
})

HEADER <- "symbol,ts,bid,ask,bid_size,ask_size,last,volume,source"
US_CLOSE <- "16:00:00"
US_ZONE <- "America/New_York"

# ---------------------------------------------------------------------------------------------------------------------
# helpers

dataset <- function(name, package) {
  env <- new.env()
  data(list = name, package = package, envir = env)
  get(name, envir = env)
}

# A number as a plain decimal: fixed notation, trailing zeros (and a bare dot) removed; checked to round-trip.
num <- function(x, dp = 6) {
  stopifnot(all(is.finite(x)), all(x >= 0))
  s <- sprintf(paste0("%.", dp, "f"), x)
  if (dp > 0) s <- sub("\\.?0+$", "", s)
  stopifnot(all(abs(as.numeric(s) - x) <= 1e-9 * pmax(1, abs(x))))
  s
}

# A decimal string from a source file, trailing zeros (and a bare dot) removed: "800.010000000000" -> "800.01".
dec <- function(s) {
  stopifnot(all(grepl("^[0-9]+(\\.[0-9]+)?$", s)))
  ifelse(grepl(".", s, fixed = TRUE), sub("\\.?0+$", "", s), s)
}

iso <- function(t) {
  stopifnot(!anyNA(t), all(as.numeric(t) %% 1 == 0))
  paste0(format(t, "%Y-%m-%dT%H:%M:%S", tz = "UTC"), ".000Z")
}

# The US equity close (16:00 New York, EST or EDT as on that date) of each date.
us_close <- function(dates) iso(as.POSIXct(paste(dates, US_CLOSE), tz = US_ZONE))

write_extract <- function(path, q) {
  lines <- c(HEADER, paste(q$symbol, q$ts, q$bid, q$ask, q$bid_size, q$ask_size, q$last, q$volume, q$source,
                           sep = ","))
  con <- file(path, "wb")
  writeLines(lines, con, sep = "\n")
  close(con)
  message(sprintf("%s: %d records", basename(path), length(lines) - 1))
}

# A price series as locked quotes carrying a trade price (bid = ask = last), sizes 0.
locked <- function(symbol, ts, price, volume, source) {
  data.frame(symbol = symbol, ts = ts, bid = price, ask = price, bid_size = "0", ask_size = "0", last = price,
             volume = volume, source = source)
}

# ---------------------------------------------------------------------------------------------------------------------
# extracts

extract_usdthb <- function(out) {
  x <- dataset("usdthb", "fBasics")
  stamp <- sprintf("%.0f", x$XDATE)
  stopifnot(nrow(x) == 2984, all(nchar(stamp) == 12), all(x$FLAG == 0))
  # XDATE is GMT/UTC (see README); the rows are in capture order (XDATE + DELAY minutes never decreases).
  t <- as.POSIXct(stamp, format = "%Y%m%d%H%M", tz = "UTC")
  stopifnot(all(diff(as.numeric(t) + 60 * x$DELAY) >= 0))
  write_extract(out, data.frame(symbol = "USDTHB", ts = iso(t), bid = num(x$BID), ask = num(x$ASK), bid_size = "0",
                                ask_size = "0", last = "", volume = "", source = as.character(x$CONTRIBUTOR)))
}

extract_bitstamp <- function(src, out, first, rows) {
  x <- read.csv(src, colClasses = "character")
  stopifnot(identical(names(x), c("timestamp", "price", "amount")), first + rows - 1 <= nrow(x))
  x <- x[seq(first, length.out = rows), ]
  t <- as.POSIXct(as.numeric(x$timestamp), origin = "1970-01-01", tz = "UTC")
  price <- dec(x$price)
  write_extract(out, locked("BTC-USD", iso(t), price, dec(x$amount), "bitstamp"))
}

extract_aapl <- function(src, out) {
  x <- read.csv(src, colClasses = "character")
  stopifnot(identical(names(x), c("date", "open", "high", "low", "close", "volume")))
  write_extract(out, locked("AAPL", us_close(x$date), dec(x$close), dec(x$volume), "nasdaq"))
}

extract_msft <- function(out) {
  x <- dataset("MSFT", "timeSeries")
  dates <- format(time(x))
  stopifnot(all(grepl("^\\d{4}-\\d{2}-\\d{2}$", dates)))
  write_extract(out, locked("MSFT", us_close(dates), num(as.numeric(x[, "Close"])), num(as.numeric(x[, "Volume"]), 0),
                            "nasdaq"))
}

extract_usdchf <- function(out, year) {
  x <- dataset("USDCHF", "timeSeries")
  # The labels that timeSeries prints (FinCenter "Zurich") are the source's own time stamps, and they are GMT/UTC:
  # the FinCenter attribute is wrong (see README). So the label is read as UTC, not converted from Zurich time.
  labels <- format(time(x))
  keep <- substr(labels, 1, 4) == year
  t <- as.POSIXct(labels[keep], format = "%Y-%m-%d %H:%M:%S", tz = "UTC")
  price <- num(as.numeric(x[keep, 1]))
  write_extract(out, locked("USDCHF", iso(t), price, "", "composite"))
}

extract_dow30 <- function(out, from, to) {
  x <- dataset("DowJones30", "fBasics")
  dates <- as.character(x[[1]])
  keep <- dates >= from & dates <= to
  symbols <- sort(names(x)[-1], method = "radix")
  day <- rep(which(keep), each = length(symbols))
  symbol <- rep(symbols, times = sum(keep))
  close <- mapply(function(i, s) x[[s]][i], day, symbol)
  venue <- ifelse(symbol %in% c("INTC", "MSFT"), "nasdaq", "nyse")
  write_extract(out, locked(symbol, us_close(dates[day]), num(close), "", venue))
}

extract_nyse_holidays <- function(out, first, last) {
  con <- file(out, "wb")
  writeLines(c("date", format(holidayNYSE(as.integer(first):as.integer(last)))), con, sep = "\n")
  close(con)
}

# ---------------------------------------------------------------------------------------------------------------------
# defect analysis: the platform's rules, in its order, over each extract as written

# Per file: asset class, the neighbourhood and threshold of the bad-tick test (see bad_ticks), context for the notes.
FILES <- list(
  list(file = "fx-usdthb-1997-06.csv", asset = "fx", window = 3600, jump = 0.05,
       context = paste(
         "Reuters dealer quotes (indicative, no sizes) from 63 contributor codes incl. a placeholder XXXX; time",
         "stamps UTC to the minute, lines in capture order. Two-tier market: after the May 1997 capital controls",
         "Thai banks quote the onshore rate (~25.8, spreads of 1-5 pips) while offshore dealers quote down to 22.1",
         "at the same time, so one symbol carries two price levels. Lines 831 1502 1503 2527 2917 (Sat/Sun) repeat",
         "a Friday quote of the same contributor at the same hh:mm 1-2 days later (source DELAY 99 or 179 min);",
         "lines 2 3 2918 are genuine Monday-morning Sydney quotes before 17:00 New York on Sunday. 7 locked",
         "quotes are all NWBO. Source columns DELAY (capture minus time stamp in minutes, -1..179) and FLAG",
         "(all 0) are not carried.")),
  list(file = "crypto-btcusd-bitstamp-2013-11.csv", asset = "crypto", window = 3600, jump = 0.05,
       context = paste(
         "Bitstamp trades (no bid/ask: locked quotes at the trade price); data rows 75001-100000 of",
         "bitstamp_trades_from_20131125_usd.csv (Fri 2013-11-29 through Sun 2013-12-01 16:02 UTC, a 24/7",
         "venue over a weekend). Time stamps are whole seconds, many trades share one.")),
  list(file = "equity-aapl-daily-2013.csv", asset = "equity", window = 5 * 86400, jump = 0.25,
       context = paste(
         "Daily closes (unadjusted, pre-2014-split) with volume, stamped 16:00 New York; every NYSE trading day",
         "of 2013 per timeDate, none extra. Source does not name its provider; venue set to nasdaq.")),
  list(file = "equity-msft-daily-2000-2001.csv", asset = "equity", window = 5 * 86400, jump = 0.25,
       context = paste(
         "Daily closes with volume, stamped 16:00 New York; prices in 1/16 dollars until Nasdaq decimalisation",
         "on 2001-04-09 (one 1/64: 2001-03-01 59.3594 = 59 23/64 rounded to 4 decimals), cents after. Includes",
         "the 2001-09-11..14 closure (2001-09-10 -> 2001-09-17). Every NYSE trading day of the period per",
         "timeDate, none extra.")),
  list(file = "fx-usdchf-30min-2000.csv", asset = "fx", window = 3600, jump = 0.05,
       context = paste(
         "30-minute USD/CHF prices (one price, no bid/ask: locked); the times timeSeries prints for FinCenter",
         "Zurich are really UTC and are used as UTC (see infra/realdata/README.md). Mon 00:00 - Fri 23:30 UTC",
         "every week; all 260 weekdays of 2000 incl. holidays (2000-12-25: only 17 distinct prices); no weekend",
         "records. Fri 21:00/22:00-23:30 UTC records fall after the 17:00 New York FX close. Contributor unknown.")),
  list(file = "equity-dow30-daily-1997-1998.csv", asset = "equity", window = 5 * 86400, jump = 0.25,
       context = paste(
         "Daily closes, split-adjusted and rounded to cents (MSFT 69.34 on 1998-12-31: half its traded 138.6875,",
         "after its 1999 2:1 split), no volume, of the 30 Dow members of 1999-2001 (MSFT INTC HD SBC joined the",
         "index only in Nov 1999); sorted by time then symbol, 16:00 New York. Every NYSE trading day per",
         "timeDate: 1997-01-20 (MLK day, not yet an NYSE holiday) present, 1998-01-19 absent; 1997-10-27",
         "(trading halted for the day at 15:30 by circuit breakers) and early-close days stamped 16:00 too."))
)

REASONS <- c("MALFORMED", "MISSING_FIELD", "INVALID_SYMBOL", "UNKNOWN_SYMBOL", "NON_FINITE_PRICE",
             "NON_POSITIVE_PRICE", "NEGATIVE_SIZE", "ZERO_SIZE_TRADE", "CROSSED_MARKET", "SPREAD_TOO_WIDE",
             "FUTURE_TIMESTAMP", "STALE_TIMESTAMP", "LATE_EVENT", "DUPLICATE", "PRICE_SPIKE")
SPREAD_MAX_BPS <- 500
MAX_AGE_MS <- 3600e3
OUT_OF_ORDERNESS_MS <- 5e3
ALLOWED_LATENESS_MS <- 60e3
SPIKE <- list(window = 32, min_samples = 8, threshold = 12, min_scale = 10e-4, reset_after_ms = 600e3,
              max_consecutive = 5)

read_extract <- function(path) {
  x <- read.csv(path, colClasses = "character", na.strings = character(0))
  stopifnot(identical(paste(names(x), collapse = ","), HEADER))
  value <- function(s) ifelse(s == "", NA_real_, suppressWarnings(as.numeric(s)))
  t <- as.POSIXct(substr(x$ts, 1, 19), format = "%Y-%m-%dT%H:%M:%S", tz = "UTC")
  stopifnot(!anyNA(t), all(substr(x$ts, 20, 24) == ".000Z"))
  data.frame(line = seq_len(nrow(x)) + 1L, symbol = x$symbol, ts = x$ts, ms = as.numeric(t) * 1000,
             bid = value(x$bid), ask = value(x$ask), bid_size = value(x$bid_size), ask_size = value(x$ask_size),
             last = value(x$last), volume = value(x$volume), source = x$source, raw = do.call(paste, c(x, sep = ",")),
             stringsAsFactors = FALSE)
}

# The first per-record rule each record breaks (NA: none), in the platform's order, time rules included.
validate <- function(q) {
  n <- nrow(q)
  reason <- rep(NA_character_, n)
  first <- function(hit, code) reason[is.na(reason) & hit] <<- code
  first(q$bid <= 0 | q$ask <= 0 | (!is.na(q$last) & q$last <= 0), "NON_POSITIVE_PRICE")
  first(q$bid_size < 0 | q$ask_size < 0 | (!is.na(q$volume) & q$volume < 0), "NEGATIVE_SIZE")
  first(!is.na(q$last) & !is.na(q$volume) & q$volume == 0, "ZERO_SIZE_TRADE")
  first(q$bid > q$ask, "CROSSED_MARKET")
  first((q$ask - q$bid) / ((q$ask + q$bid) / 2) * 1e4 > SPREAD_MAX_BPS, "SPREAD_TOO_WIDE")
  # stream time: the newest event time accepted so far; watermark = stream time - 5 s (to the second) - 1 ms
  stream <- -Inf
  behind <- rep(NA_real_, n)
  newest <- rep(NA_integer_, n)
  newest_line <- NA_integer_
  for (i in seq_len(n)) {
    if (!is.na(reason[i])) next
    e <- q$ms[i]
    if (is.finite(stream)) {
      watermark <- floor((stream - OUT_OF_ORDERNESS_MS) / 1000) * 1000 - 1
      if (stream - e > MAX_AGE_MS) {
        reason[i] <- "STALE_TIMESTAMP"
      } else if (e <= watermark - ALLOWED_LATENESS_MS) {
        reason[i] <- "LATE_EVENT"
      }
      if (!is.na(reason[i])) {
        behind[i] <- stream - e
        newest[i] <- newest_line
        next
      }
    }
    if (e > stream) {
      stream <- e
      newest_line <- q$line[i]
    }
  }
  list(reason = reason, behind = behind, newest = newest)
}

# The platform's PRICE_SPIKE detector over the records validation accepts (per symbol, in line order).
spike_detector <- function(q, accepted) {
  flagged <- rep(FALSE, nrow(q))
  samples <- rep(NA_integer_, nrow(q))
  state <- list()
  for (i in which(accepted)) {
    s <- q$symbol[i]
    h <- state[[s]]
    if (is.null(h)) h <- list(mids = numeric(0), last = -Inf, run = 0)
    x <- log((q$bid[i] + q$ask[i]) / 2)
    if (length(h$mids) > 0 && q$ms[i] - h$last > SPIKE$reset_after_ms) h$mids <- numeric(0)
    samples[i] <- length(h$mids)
    spike <- FALSE
    if (length(h$mids) >= SPIKE$min_samples) {
      m <- median(h$mids)
      scale <- max(1.4826 * median(abs(h$mids - m)), SPIKE$min_scale)
      spike <- abs(x - m) / scale > SPIKE$threshold
    }
    if (spike) {
      flagged[i] <- TRUE
      h$run <- h$run + 1
      if (h$run >= SPIKE$max_consecutive) h <- list(mids = numeric(0), last = h$last, run = 0)
    } else {
      h$mids <- c(h$mids, x)
      if (length(h$mids) > SPIKE$window) h$mids <- h$mids[-1]
      h$run <- 0
      h$last <- max(h$last, q$ms[i])
    }
    state[[s]] <- h
  }
  list(flagged = flagged, samples = samples)
}

# Obvious bad ticks: a mid more than `jump` (log) away from every other record of its symbol within +-window seconds
# AND from its source's previous and next records of that symbol within 24 h (those that exist).
bad_ticks <- function(q, candidates, window, jump) {
  mid <- log((q$bid + q$ask) / 2)
  hits <- list()
  idx <- which(candidates)
  for (s in unique(q$symbol[idx])) {
    ids <- idx[q$symbol[idx] == s]
    by_time <- ids[order(q$ms[ids], ids)]
    t <- q$ms[by_time]
    lo <- findInterval(t - window * 1000, t, left.open = TRUE) + 1
    hi <- findInterval(t + window * 1000, t)
    neighbour <- matrix(NA_integer_, nrow(q), 2)
    for (g in split(ids, q$source[ids])) {
      neighbour[g, 1] <- c(NA, head(g, -1))
      neighbour[g, 2] <- c(tail(g, -1), NA)
    }
    for (k in seq_along(by_time)) {
      i <- by_time[k]
      near <- by_time[lo[k]:hi[k]]
      near <- near[near != i]
      own <- neighbour[i, ]
      own <- own[!is.na(own) & abs(q$ms[own] - q$ms[i]) <= 86400e3]
      others <- c(near, own)
      if (length(others) > 0 && min(abs(mid[others] - mid[i])) > jump) {
        hits[[length(hits) + 1]] <- list(i = i, near = near, own = own)
      }
    }
  }
  hits[order(vapply(hits, `[[`, 0L, "i"))]
}

mid_text <- function(q, j) sprintf("%s/%s (%s, line %d)", num(q$bid[j]), num(q$ask[j]), q$source[j], q$line[j])

human <- function(ms) {
  s <- round(ms / 1000)
  if (s >= 3600) sprintf("%dh %02dmin", s %/% 3600, (s %% 3600) %/% 60) else sprintf("%dmin %02ds", s %/% 60, s %% 60)
}

analyse_file <- function(dir, spec) {
  q <- read_extract(file.path(dir, spec$file))
  n <- nrow(q)
  v <- validate(q)
  det <- spike_detector(q, is.na(v$reason))
  defects <- list()
  add <- function(i, reason, what) {
    defects[[length(defects) + 1]] <<- data.frame(file = spec$file, line = q$line[i], expected_reason = reason,
                                                   what = what)
  }
  for (i in which(!is.na(v$reason))) {
    r <- v$reason[i]
    what <- switch(r,
      NON_POSITIVE_PRICE = sprintf("bid %s ask %s from %s: a zero price in the source%s", num(q$bid[i]),
                                   num(q$ask[i]), q$source[i], {
                                     nx <- which(q$source == q$source[i] & q$ms == q$ms[i] & seq_len(n) > i)
                                     if (length(nx)) sprintf("; the same contributor re-quoted %s in the same minute",
                                                             mid_text(q, nx[1])) else ""
                                   }),
      ZERO_SIZE_TRADE = sprintf("trade at %s with amount 0 (source data row %s)", num(q$last[i]),
                                if (!is.null(spec$row_offset)) q$line[i] - 1 + spec$row_offset else "?"),
      CROSSED_MARKET = sprintf("bid %s > ask %s from %s", num(q$bid[i]), num(q$ask[i]), q$source[i]),
      SPREAD_TOO_WIDE = sprintf("spread %s-%s from %s is %.0f bps of the mid (bound %d): a genuine indicative quote%s",
                                num(q$bid[i]), num(q$ask[i]), q$source[i],
                                (q$ask[i] - q$bid[i]) / ((q$ask[i] + q$bid[i]) / 2) * 1e4, SPREAD_MAX_BPS,
                                if (spec$asset == "fx") " in the June 1997 baht crisis" else ""),
      STALE_TIMESTAMP = ,
      LATE_EVENT = sprintf("ts %s is %s behind the newest earlier record (line %d)%s", q$ts[i], human(v$behind[i]),
                           v$newest[i], if (!is.null(spec$delay)) sprintf(
                             "; the source lists records in capture order and gives DELAY %d min for this one",
                             spec$delay[q$line[i] - 1]) else ""),
      stop("no description for ", r))
    add(i, r, what)
  }
  ticks <- bad_ticks(q, is.na(v$reason), spec$window, spec$jump)
  for (t in ticks) {
    i <- t$i
    mid <- (q$bid[i] + q$ask[i]) / 2
    away <- function(js) sprintf("%.1f%%", 100 * min(abs(log(mid / ((q$bid[js] + q$ask[js]) / 2)))))
    parts <- c(
      if (length(t$near)) sprintf("%s from every other %s record within %s", away(t$near), q$symbol[i],
                                  if (spec$window <= 3600) "1 h" else sprintf("%d days", spec$window / 86400)),
      if (length(t$own)) sprintf("%s from its source's neighbours %s", away(t$own),
                                 paste(vapply(t$own, function(j) mid_text(q, j), ""), collapse = " and ")))
    same <- which(q$raw == q$raw[i] & seq_len(n) != i)
    copy <- which(q$source == q$source[i] & q$bid == q$bid[i] & q$ask == q$ask[i] & seq_len(n) != i)
    copy <- setdiff(copy, same)
    seen <- if (length(copy)) sprintf("; the identical quote %s/%s also appears at %s", num(q$bid[i]), num(q$ask[i]),
                                      paste(sprintf("%s (line %d)", q$ts[copy], q$line[copy]), collapse = ", ")) else ""
    detector <- if (det$flagged[i]) "the default detector flags it" else
      sprintf("the default detector does not flag it (%d samples in its window, needs %d)", det$samples[i],
              SPIKE$min_samples)
    add(i, "PRICE_SPIKE", sprintf("bad tick %s: %s%s; %s", mid_text(q, i), paste(parts, collapse = ", "), seen,
                                  detector))
  }
  defects <- if (length(defects)) do.call(rbind, defects) else
    data.frame(file = character(0), line = integer(0), expected_reason = character(0), what = character(0))
  defects <- defects[order(defects$line), ]

  # notes
  counts <- table(factor(defects$expected_reason, levels = REASONS))
  counts <- counts[counts > 0]
  listed <- if (length(counts)) paste(sprintf("%s %d", names(counts), counts), collapse = " + ") else "none"
  gap <- diff(q$ms)
  ooo <- sum(gap < 0)
  big <- which(gap > 3 * 86400e3)
  longest <- which.max(gap)
  frac <- sum((q$bid_size %% 1 != 0) | (q$ask_size %% 1 != 0) | (!is.na(q$volume) & q$volume %% 1 != 0))
  extra <- sum(det$flagged & !(q$line %in% defects$line[defects$expected_reason == "PRICE_SPIKE"]))
  facts <- c(
    sprintf("%d records, defects: %s", n, listed),
    sprintf("%d locked (bid = ask)", sum(q$bid == q$ask)),
    sprintf("%d zero prices", sum(q$bid == 0 | q$ask == 0 | (!is.na(q$last) & q$last == 0))),
    sprintf("%d crossed", sum(q$bid > q$ask)),
    sprintf("%d wider than %d bps", sum((q$ask - q$bid) / ((q$ask + q$bid) / 2) * 1e4 > SPREAD_MAX_BPS),
            SPREAD_MAX_BPS),
    sprintf("%d out-of-order time stamps", ooo),
    sprintf("%d lines identical to an earlier line (no seq: not DUPLICATE)", sum(duplicated(q$raw))),
    sprintf("%d records with fractional sizes or volume", frac),
    sprintf("%d zero-volume trades", sum(!is.na(q$last) & !is.na(q$volume) & q$volume == 0)),
    sprintf("longest gap %s -> %s", q$ts[longest], q$ts[longest + 1]),
    sprintf("%d gaps over 3 days%s", length(big), if (length(big)) paste0(" (", paste(sprintf("%s -> %s",
      substr(q$ts[big], 1, 10), substr(q$ts[big + 1], 1, 10)), collapse = ", "), ")") else ""),
    sprintf("the default PRICE_SPIKE detector (window 32, 12 robust deviations, restart after 10 min) also flags %d %s",
            extra, if (extra) "records that are not bad ticks (not listed)" else "other records"))
  if (spec$asset == "fx") {
    ny <- as.POSIXlt(q$ms / 1000, origin = "1970-01-01", tz = US_ZONE)
    hm <- ny$hour * 60 + ny$min
    shut <- ny$wday == 6 | (ny$wday == 5 & hm >= 17 * 60) | (ny$wday == 0 & hm < 17 * 60)
    facts <- c(facts, sprintf("%d records between Fri 17:00 and Sun 17:00 New York", sum(shut)))
  }
  files <- data.frame(file = spec$file, records = n,
                      symbols = paste(sort(unique(q$symbol), method = "radix"), collapse = " "),
                      first_ts = q$ts[which.min(q$ms)], last_ts = q$ts[which.max(q$ms)], asset_class = spec$asset,
                      notes = paste(c(facts, spec$context), collapse = "; "))
  list(defects = defects, files = files)
}

csv_field <- function(x) {
  x <- as.character(x)
  stopifnot(!any(grepl("[\"\n]", x)))
  ifelse(grepl(",", x, fixed = TRUE), paste0("\"", x, "\""), x)
}

write_table <- function(path, df) {
  lines <- c(paste(names(df), collapse = ","), do.call(paste, c(lapply(df, csv_field), sep = ",")))
  con <- file(path, "wb")
  writeLines(lines, con, sep = "\n")
  close(con)
}

analyse <- function(dir) {
  thb <- dataset("usdthb", "fBasics")
  specs <- lapply(FILES, function(spec) {
    if (spec$file == "fx-usdthb-1997-06.csv") spec$delay <- thb$DELAY
    if (spec$file == "crypto-btcusd-bitstamp-2013-11.csv") spec$row_offset <- 75000
    spec
  })
  results <- lapply(specs, function(spec) analyse_file(dir, spec))
  defects <- do.call(rbind, lapply(results, `[[`, "defects"))
  files <- do.call(rbind, lapply(results, `[[`, "files"))
  write_table(file.path(dir, "defects.csv"), defects)
  write_table(file.path(dir, "files.csv"), files)
  for (k in seq_len(nrow(files))) message(files$file[k], ": ", sub(";.*", "", files$notes[k]))
}

# ---------------------------------------------------------------------------------------------------------------------

args <- commandArgs(trailingOnly = TRUE)
if (length(args) == 0) stop("usage: extract.R COMMAND ARGS... (see the header of this file)")
switch(args[1],
  "usdthb" = extract_usdthb(args[2]),
  "bitstamp" = extract_bitstamp(args[2], args[3], as.integer(args[4]), as.integer(args[5])),
  "aapl" = extract_aapl(args[2], args[3]),
  "msft" = extract_msft(args[2]),
  "usdchf" = extract_usdchf(args[2], args[3]),
  "dow30" = extract_dow30(args[2], args[3], args[4]),
  "nyse-holidays" = extract_nyse_holidays(args[2], args[3], args[4]),
  "analyse" = analyse(args[2]),
  stop("unknown command ", args[1]))
