"""Where articles come from: files, stdin and huge input read safely (:mod:`.io`), overlapping
windows over a stream (:mod:`.stream`), and many articles at once (:mod:`.corpus`)."""
