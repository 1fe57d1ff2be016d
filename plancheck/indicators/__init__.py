"""BVPI indicator tables: year labels, codes, column roles and the rows the PI rules check."""
