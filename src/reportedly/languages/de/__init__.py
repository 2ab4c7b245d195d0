"""German: tokens, cue lexicon, quotation marks, the attribution tagger and its rules."""
