"""The engine: advances runs on a problem in bounded batches and takes commands between steps. No Qt."""
