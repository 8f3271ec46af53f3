"""The 100 matching keys with the highest paragraph frequency in UN resolutions.

Counted once over the shared corpus (43,113 paragraphs of General Assembly and Security Council
texts) with the default analyser (inflection keys, text/inflections.py). Trigrams are indexed
only when their first two words are common keys, so a frequent phrase such as "human rights
defenders" is a single term lookup while the shingle vocabulary stays bounded. Changing this
list (or the analyser) changes the index format: rebuild.
"""

COMMON_STEMS = frozenset({
    'the', 'of', 'and', 'to', 'in', 'for', 'on', 'that', 'with', 'by',
    'its', 'a', 'as', 'state', 'be', 'unite', 'include', 'nation', 'all', 'international',
    'general', 'development', 'their', 'resolution', 'note', 'at', 'take', 'other', 'secretary', 'implementation',
    'also', 'recall', 'report', 'support', 'member', 'which', 'recognize', 'sustainable', 'have', 'country',
    'right', 'continue', 'relevant', 'from', 'organization', 'well', 'effort', 'encourage', 'or', 'request',
    'call', 'need', 'concern', 'security', 'this', 'ensure', 'an', 'reaffirm', 'regard', 'further',
    'human', 'national', 'upon', 'work', 'through', 'cooperation', 'assembly', 'develop', 'action', 'importance',
    'measure', 'provide', 'people', 'promote', 'regional', 'system', 'appropriate', 'under', 'welcome', 'council',
    'strengthen', 'programme', 'economic', 'law', 'use', 'make', 'such', 'level', 'particular', 'party',
    'global', 'conference', 'government', 'those', 'social', 'address', 'accordance', 'committee',
    'convention', 'effective',
})
