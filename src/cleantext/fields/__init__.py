"""Field extractors: title, dateline and date, credit."""
