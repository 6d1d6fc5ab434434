"""Text front end: one block per non-empty line of a page dump."""

from __future__ import annotations

from ..model import Block
from ..phrases import NUMBER_RE, WORD_RE
from ..textutil import CJK_RE, fold, fold_lines, word_count


def text_blocks(text: str) -> list[Block]:
    """Split a page dump into blocks, recording blank-line gaps.

    Folding and tokenising run once over the whole text, not per line.

    >>> [(b.text, b.gap_before) for b in text_blocks("Menu\\nHome\\n\\nStory.")]
    [('Menu', True), ('Home', False), ('Story.', True)]
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    folded = fold_lines(text)
    if len(folded) != len(lines):  # a character folded into a newline: go line by line
        folded = [fold(line) for line in lines]
    numbered = NUMBER_RE.sub("0", "\n".join(folded)).split("\n")
    cjk = bool(CJK_RE.search(text))
    blocks: list[Block] = []
    gap = True
    for line_no, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            gap = True
            continue
        toks = WORD_RE.findall(numbered[line_no])
        if blocks:
            blocks[-1].gap_after = gap
        blocks.append(
            Block(
                index=len(blocks),
                text=line,
                norm=folded[line_no].strip(),
                nwords=word_count(line) if cjk else len(toks),
                toks=toks,
                gap_before=gap,
                line_no=line_no,
            )
        )
        gap = False
    if blocks:
        blocks[-1].gap_after = True
    return blocks
