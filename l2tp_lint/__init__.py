"""l2tp-lint: a linter and autofixer for L2TP/IPsec setups run by xl2tpd and pppd."""

__version__ = "0.1.0"
