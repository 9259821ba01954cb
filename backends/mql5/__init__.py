"""The MetaTrader 5 backend: lower the checked IR to one self-contained .mq5 Expert Advisor."""
