"""Widget values that survive leaving the page: Streamlit forgets a widget's state when a
run does not draw it, so a text pasted on one page would be lost after a look at another."""

from __future__ import annotations

from typing import Any

import streamlit as st


def _saved(key: str) -> str:
    return f"kept_{key}"


def restore(key: str) -> None:
    """Call before drawing widget `key`: give it back the value it had when last drawn."""
    if key not in st.session_state and _saved(key) in st.session_state:
        st.session_state[key] = st.session_state[_saved(key)]


def remember(key: str, value: Any) -> None:
    """Call after drawing widget `key`, with the value it returned."""
    st.session_state[_saved(key)] = value


def forget(*keys: str) -> None:
    """Drop what was kept for these widgets (after their values were used)."""
    for key in keys:
        st.session_state.pop(_saved(key), None)
