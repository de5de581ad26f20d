"""Tables whose rows open something: the selection is mapped back to the row's id."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st


def selected_id(frame: pd.DataFrame, event: Any) -> int | None:
    """The `id` of the selected row. The selection holds *positions* into `frame`, not ids."""
    selection = getattr(event, "selection", None)
    rows = list(getattr(selection, "rows", None) or [])
    if not rows or not 0 <= rows[0] < len(frame):
        return None
    return int(frame.iloc[rows[0]]["id"])


def pick_row(frame: pd.DataFrame, key: str, **options: Any) -> int | None:
    """Show `frame` with single-row selection; the id of a newly selected row, or None.

    Each pick moves the table to a fresh widget key, so coming back to the page does not
    pick the same row again.
    """
    generation_key = f"{key}_generation"
    generation = st.session_state.setdefault(generation_key, 0)
    event = st.dataframe(frame, hide_index=True, on_select="rerun", selection_mode="single-row",
                         key=f"{key}_{generation}", width="stretch", **options)
    picked = selected_id(frame, event)
    if picked is not None:
        st.session_state[generation_key] = generation + 1
    return picked
