"""The 100 stems with the highest paragraph frequency in UN resolutions.

Counted once over the shared corpus (about 62,000 paragraphs of General Assembly and Security
Council texts plus the seeds). Trigrams are indexed only when their first two words are common
stems, so a frequent phrase such as "human rights defenders" is a single term lookup while the
shingle vocabulary stays bounded. Changing this list changes the index format: rebuild.
"""

COMMON_STEMS = frozenset({
    'the', 'of', 'and', 'to', 'in', 'for', 'on', 'a', 'that', 'nation',
    'with', 'by', 'unit', 'it', 'develop', 'includ', 'as', 'state', 'intern', 'general',
    'all', 'resolut', 'their', 'implement', 'at', 'sustain', 'note', 'report', 'other', 'assembl',
    'right', 'organ', 'countri', 'also', 'be', 'secretari', 'support', 'take', 'which', '1',
    'or', 'member', 'recal', 'from', 'recogn', 'promot', 'relev', 'cooper', 'continu', 'well',
    'human', 'secur', 'import', 'effort', 'encourag', 'effect', 'adopt', 'ensur', 'need', 'region',
    'request', 'an', 'call', 'through', 'this', 'session', 'concern', 'work', 'particular', 'action',
    'are', 'reaffirm', 'system', 'regard', 'decemb', 'further', 'measur', 'have', 'upon', 'is',
    'res', 'peopl', 'govern', 'confer', '2', 'programm', 'strengthen', 'law', 'provid', 'relat',
    'under', 'agenda', 'council', 'committe', 'use', 'global', 'appropri', 'convent', 'assist', 'econom',
})
