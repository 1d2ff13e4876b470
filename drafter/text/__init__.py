"""Chinese writing conventions, each defined once: numerals and years (`numerals`), dates
(`dates`), item numbers (`labels`), punctuation and width (`punct`), traditional/simplified
script (`script`), characters XML cannot hold (`xmlchars`) and quantified targets (`targets`).

The bottom layer: these modules import nothing else from drafter except the cache, so readers,
writers, lint, diff, rollover and collect all read text the same way.  Nothing is imported
here, so `import drafter.text.numerals` stays cheap.
"""
