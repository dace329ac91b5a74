"""Each transcript format on small hand-written inputs."""

from __future__ import annotations

import io

import docx
import pytest

from synthesis.ingest import TranscriptError, parse_bytes, segment_problems
from synthesis.transcript import ParsedTranscript, SpeakerRole


def parse(text: str, name: str) -> ParsedTranscript:
    transcript = parse_bytes(text.encode("utf-8"), name)
    assert segment_problems(transcript) == []
    return transcript


def summary(transcript: ParsedTranscript) -> list[tuple[str, str]]:
    return [(turn.speaker, turn.text) for turn in transcript.turns]


def test_plain_labels_with_continuation_paragraphs() -> None:
    text = (
        "Q: What do you do?\n\nA: I run finance.\n\nMostly close and reporting.\nStep 1: we reconcile.\n\n"
        "Q: Why?\n"
    )
    transcript = parse(text, "notes.txt")
    assert transcript.format == "labelled"
    assert summary(transcript) == [
        ("Q", "What do you do?"),
        ("A", "I run finance. Mostly close and reporting. Step 1: we reconcile."),
        ("Q", "Why?"),
    ]
    assert [t.role for t in transcript.turns] == [SpeakerRole.INTERVIEWER, SpeakerRole.RESPONDENT] * 1 + [
        SpeakerRole.INTERVIEWER
    ]


def test_markdown_bold_labels_metadata_and_headings() -> None:
    text = (
        "# Call with Acme\n\n- **Date:** 3 March 2026\n- **Company:** Acme\n\n"
        "**Dana:** Hello there.\n\n**Sam (CFO, Acme):** Hi.\n\nSecond paragraph.\n\n"
        "## Next topic\n\nEditorial note, not speech.\n\n**Dana:** Bye?\n"
    )
    transcript = parse(text, "call.md")
    assert transcript.title == "Call with Acme"
    assert transcript.metadata == {"date": "3 March 2026", "company": "Acme"}
    assert summary(transcript) == [
        ("Dana", "Hello there."),
        ("Sam (CFO, Acme)", "Hi. Second paragraph."),
        ("Dana", "Bye?"),
    ]


def test_markdown_header_before_rule_is_metadata() -> None:
    text = "**Transcript ID:** abc\n\n---\n\nUser: hi\n\nAI: hello?\n\nUser: bye\n"
    transcript = parse(text, "x.md")
    assert transcript.metadata == {"transcript_id": "abc"}
    assert [t.speaker for t in transcript.turns] == ["User", "AI", "User"]


def test_otter() -> None:
    text = (
        "Dana Whitfield  0:01\nHello, ready?\n\nPriya N  0:08\nYes.\nAll set.\n\nDana Whitfield  1:02:03\n"
        "Great?\n\nTranscribed by https://otter.ai\n"
    )
    transcript = parse(text, "otter.txt")
    assert transcript.format == "otter"
    assert summary(transcript) == [
        ("Dana Whitfield", "Hello, ready?"),
        ("Priya N", "Yes. All set."),
        ("Dana Whitfield", "Great?"),
    ]
    assert [t.start_seconds for t in transcript.turns] == [1, 8, 3723]


def test_rev_labels_alone_with_timestamps() -> None:
    text = (
        "Speaker 1 (00:05):\nHow are you?\n\nSpeaker 2 (00:09):\nFine.\nThanks.\n\n"
        "Speaker 1 (00:15):\nGood?\n"
    )
    transcript = parse(text, "rev.txt")
    assert transcript.format == "rev"
    assert summary(transcript) == [
        ("Speaker 1", "How are you?"),
        ("Speaker 2", "Fine. Thanks."),
        ("Speaker 1", "Good?"),
    ]
    assert transcript.turns[1].start_seconds == 9


def test_zoom_headers_merge_and_inline_lines() -> None:
    headers = "[Ann Lee] 10:00:01\nHi?\n\n[Ann Lee] 10:00:05\nCan you hear me?\n\n[Bo] 10:00:09\nYes.\n"
    transcript = parse(headers, "zoom.txt")
    assert transcript.format == "zoom"
    assert summary(transcript) == [("Ann Lee", "Hi? Can you hear me?"), ("Bo", "Yes.")]
    assert transcript.turns[0].start_seconds == 36001
    inline = "00:00:01 Ann Lee: Hi?\n00:00:04 Bo: Hello.\nstill Bo\n00:00:09 Ann Lee: Great?\n"
    assert summary(parse(inline, "zoom.txt")) == [
        ("Ann Lee", "Hi?"),
        ("Bo", "Hello. still Bo"),
        ("Ann Lee", "Great?"),
    ]


def test_webvtt_voices_labels_and_merging() -> None:
    text = (
        "WEBVTT\n\nNOTE exported\n\n1\n00:00:01.000 --> 00:00:02.500\n<v Ann>Hello <i>there</i>.</v>\n\n"
        "2\n00:00:02.500 --> 00:00:04.000\n<v Ann>Two lines\nin one cue?</v>\n\n"
        "00:00:04.000 --> 00:00:05.000\n<v.loud Bo>Yes.</v>\n"
    )
    transcript = parse(text, "call.vtt")
    assert summary(transcript) == [("Ann", "Hello there . Two lines in one cue?"), ("Bo", "Yes.")]
    assert (transcript.turns[0].start_seconds, transcript.turns[0].end_seconds) == (1.0, 4.0)
    zoom_vtt = (
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nAnn: Hi?\n\n2\n00:00:02.000 --> 00:00:03.000\nBo: Yo.\n"
    )
    assert summary(parse(zoom_vtt, "zoom.vtt")) == [("Ann", "Hi?"), ("Bo", "Yo.")]


def test_srt_unlabelled_cues_continue_the_speaker() -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nANN LEE: Hello?\n\n2\n00:00:02,000 --> 00:00:03,000\nStill me.\n\n"
        "3\n00:00:03,000 --> 00:00:04,000\nBO: Hi.\n\n4\n00:00:04,000 --> 00:00:05,000\nANN LEE: Ok?\n\n"
        "5\n00:00:05,000 --> 00:00:06,000\nBO: Bye.\n"
    )
    transcript = parse(text, "call.srt")
    assert summary(transcript) == [
        ("ANN LEE", "Hello? Still me."),
        ("BO", "Hi."),
        ("ANN LEE", "Ok?"),
        ("BO", "Bye."),
    ]
    assert transcript.turns[0].end_seconds == 3.0


def test_subtitle_text_in_a_txt_file_is_sniffed() -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nANN: Hello?\n\n2\n00:00:02,000 --> 00:00:03,000\nBO: Hi.\n"
    assert parse(text, "call.txt").format == "srt"


def test_no_labels_is_one_respondent_turn_with_a_warning() -> None:
    text = "\n  Just some notes about the call.\nNothing labelled here.  \n"
    transcript = parse(text, "notes.md")
    assert len(transcript.turns) == 1
    turn = transcript.turns[0]
    assert turn.text == "Just some notes about the call.\nNothing labelled here."
    assert turn.role is SpeakerRole.RESPONDENT
    assert transcript.warnings


def test_unlabelled_subtitles_keep_only_cue_text() -> None:
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello.\n\n00:00:02.000 --> 00:00:03.000\nWorld.\n"
    transcript = parse(text, "x.vtt")
    assert summary(transcript) == [("Unknown speaker", "Hello. World.")]
    assert transcript.warnings


def _docx_bytes(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (
            ["Interviewer: What is your role?", "Kim: I lead ops.", "More on that.", "Interviewer: Thanks?"],
            [
                ("Interviewer", "What is your role?"),
                ("Kim", "I lead ops. More on that."),
                ("Interviewer", "Thanks?"),
            ],
        ),
        (
            ["Call", "Ann Lee   0:03", "Your role?", "Kim   0:09", "Ops lead.", "Ann Lee   0:20", "Why?"],
            [("Ann Lee", "Your role?"), ("Kim", "Ops lead."), ("Ann Lee", "Why?")],
        ),
    ],
)
def test_docx_labelled_and_teams(paragraphs: list[str], expected: list[tuple[str, str]]) -> None:
    transcript = parse_bytes(_docx_bytes(paragraphs), "call.docx")
    assert transcript.text == "\n".join(paragraphs)
    assert summary(transcript) == expected
    assert segment_problems(transcript) == []


def test_crlf_text_keeps_offsets_into_the_original() -> None:
    text = "Ann: Hello?\r\nmore\r\n\r\nBo: Hi.\r\n"
    transcript = parse(text, "x.txt")
    assert transcript.text == text
    assert summary(transcript) == [("Ann", "Hello? more"), ("Bo", "Hi.")]


def test_subtitles_whose_timings_cannot_be_read_say_so() -> None:
    with pytest.raises(TranscriptError, match="no cue has a timing line that can be read"):
        parse_bytes(b"WEBVTT\n\n00:00:xx --> yy\n<v Ann>hello there</v>\n", "call.vtt")
