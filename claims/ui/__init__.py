"""The Streamlit dashboard: one module per page; `app.py` at the project root routes to them.

Pages only call `claims.service`; they hold no business rules.
"""
