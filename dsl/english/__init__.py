"""The English front end: offline translator, model provider, validation and evaluation."""
